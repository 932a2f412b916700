# expect: answer
# check: answer_why
# Blames dead ReLUs, although the network that fails has no ReLU at all.
ANSWER_WHY = "dead_relu"
