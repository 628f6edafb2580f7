"""One palette and one type scale for the whole film (the chapter's visual vocabulary).

Weights are blue/red, data flowing through is gray, the thing to watch is yellow.
"""

from __future__ import annotations

import numpy as np
from manim import BLUE, GREEN, GREY_A, GREY_B, GREY_C, GREY_D, ORANGE, PURPLE, RED, TEAL, YELLOW

BACKGROUND = "#0c0c0f"

WEIGHT_POS = BLUE  # a positive weight, a weight matrix's colour
WEIGHT_NEG = RED  # a negative weight
WEIGHT = BLUE  # W_E, W_U and other matrices
DATA = GREY_B  # vectors of data flowing through the network
DATA_DIM = GREY_D
NOTE = GREY_C  # stage notes and the model badge: readable, quieter than the lesson
TEXT = GREY_A
PROMPT = GREY_C  # the text a model was given, quieter than what it wrote (TEXT)
HIGHLIGHT = YELLOW  # what the audience should watch
GOOD = GREEN
BAD = ORANGE  # a value that points the other way (e.g. a negative dot product); not weight-red
PROB = TEAL  # probability bars
# token boxes cycle through these (the chapter colours each token differently); no blue or red,
# which mean weights, and no yellow, which means "watch this"
TOKEN_COLORS = ("#83C167", "#D8A6A6", "#9A72AC", "#FF862F", "#5CD0B3", "#B5835A",
                "#E07BE0", "#C8E66E")
WORD_COLORS = {"gender": PURPLE, "royal": ORANGE, "plural": GREEN}

FONT = "DejaVu Sans"
MONO = "DejaVu Sans Mono"

# type scale (Text font_size)
TITLE = 52
HEADING = 38
BODY = 28
SMALL = 22
TINY = 16
NOTE_SIZE = 20  # stage notes and the model badge
# the gap between the lines of a multi-line label, in font sizes (Manim's default, 0.3, lets
# descenders touch the next line's capitals)
LINE_SPACING = 0.8

# layout
MARGIN = 0.4  # keep this far from the frame's edge
# the footers (stage notes, the model badge): 0.3 from the sides and 0.2 from the bottom, clear
# of a projector's cropped edges; the full margin would push them into the scenes' pictures
FOOTER_BUFF = np.array([0.3, 0.2, 0.0])

ROW_WIDTH = 13.0  # the widest a row of text or tokens may be (the frame is 14.2 wide)
