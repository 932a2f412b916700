# expect: not-implemented
# check: answer_same_result
# check: answer_why
# Runs the experiment but never fills in the two answers: they are still None, as in the stub.
ANSWER_SAME_RESULT = None
ANSWER_WHY = None
