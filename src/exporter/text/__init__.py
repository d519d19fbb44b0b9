"""Typography shared by every renderer: the bundled faces and phrase breaking."""
