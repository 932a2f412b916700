# expect: answer
# check: answer_same_result
# Answers the seed question without looking at the measurements: "same result".
ANSWER_SAME_RESULT = True
