# expect: answer
# check: answer_why
# expect-words: no ReLU at all
# Blames dead ReLUs, although the set-ups that learn slowly have no ReLU at all.
ANSWER_WHY = "dead_relu"
