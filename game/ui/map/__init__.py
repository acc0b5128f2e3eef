"""The map the screens share: theatre outlines (data), their projection and drawing (view), the labels."""
