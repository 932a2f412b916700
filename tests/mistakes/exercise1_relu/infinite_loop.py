# expect: timeout
# check: relu_values
# A while loop whose condition never changes.
def relu(x):
    i = 0
    while i < 10:
        x = x + 0
    return x
