"""The pure model: state arrays with a batch axis, the turn step, outcomes, policies, explanations (no pygame)."""
