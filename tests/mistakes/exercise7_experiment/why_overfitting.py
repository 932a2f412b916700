# expect: answer
# check: answer_why
# expect-words: very points they are trained on
# Calls it overfitting, although the softmax networks fail on their own training points.
ANSWER_WHY = "overfitting"
