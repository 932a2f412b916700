# expect: answer
# check: answer_main_change
# expect-words: not one of the choices
# Writes its own words instead of one of CHANGE_CHOICES.
ANSWER_MAIN_CHANGE = "the softmax"
