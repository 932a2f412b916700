# expect: answer
# check: answer_why
# expect-words: Not saturation; none near 0 or 1
# reject-words: lower case
# "Saturation" with a capital: read as the choice it names (no lesson on spelling), and judged
# on its meaning: at the start no softmax output is near 0 or 1.
ANSWER_WHY = "Saturation"
