"""The shared look of every scene: palette, type scale, reusable mobjects, the slide base."""
