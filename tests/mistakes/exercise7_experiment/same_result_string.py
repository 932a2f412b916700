# expect: answer
# check: answer_same_result
# Writes the answer as a string in quotes instead of the boolean False.
ANSWER_SAME_RESULT = "False"
