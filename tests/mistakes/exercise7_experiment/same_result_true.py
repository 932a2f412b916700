# expect: answer
# check: answer_same_result
# expect-words: You answered True; after 500 epochs
# Answers the question without looking at the measurements: "same result".
ANSWER_SAME_RESULT = True
