# expect: answer
# check: answer_why
# The right idea, but not written exactly as one of the choices.
ANSWER_WHY = "Saturation"
