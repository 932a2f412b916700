# expect: timeout
# check: sigmoid_derivative_values
# A while loop whose condition never changes: the grader stops it and names the call.
def sigmoid_derivative(x):
    s = sigmoid(x)
    step = 0
    while step < 1:
        s = s * 1.0
    return s * (1 - s)
