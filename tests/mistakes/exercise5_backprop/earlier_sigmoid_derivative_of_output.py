# expect: derivative
# check: gradients_sigmoid
# in: exercise2_sigmoid
# expect-words: Your exercise 2 is not right yet; sigmoid_derivative; actgrade check exercise2
# reject-words: Use `sigmoid_derivative(z)` from exercise 2
# The mistake is in exercise 2: sigmoid_derivative treats its argument as the sigmoid's output,
# x * (1 - x). Exercise 5's own code is right: it calls sigmoid_derivative(z) as asked.
def sigmoid_derivative(x):
    return x * (1 - x)
