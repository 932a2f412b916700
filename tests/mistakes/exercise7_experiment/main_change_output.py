# expect: answer
# check: answer_main_change
# expect-words: Changing only the hidden activation; Which change costs more
# Blames the output and loss: the question changes both, but the table shows which one costs most.
ANSWER_MAIN_CHANGE = "output_and_loss"
