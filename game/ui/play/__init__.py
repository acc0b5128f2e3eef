"""The play screen: the scene, its drawing, its panels, the map legend, and the view of the session it draws."""
