# expect: answer
# check: answer_why
# Calls it overfitting, although the softmax network fails on its own training points.
ANSWER_WHY = "overfitting"
