# expect: dtype
# expect: error
# check: relu_edge_cases
# expect-words: 0-d input; max(0, x); integer 0
# Python's max: an error on arrays of several numbers, and the integer 0 for a 0-d array
# holding a negative number.
def relu(x):
    return max(0, x)
