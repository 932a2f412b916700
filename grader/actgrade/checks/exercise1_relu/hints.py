"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "relu": [
        "ReLU keeps a number when it is positive and replaces it by 0 otherwise: relu(-2.0) = 0.0 and "
        "relu(3.5) = 3.5. Your function gets a whole array (any shape, even a single number held in a 0-d array) "
        "and returns a float array of the same shape.",
        "Work on the whole array at once, without a loop: NumPy has an element-by-element maximum that compares "
        "every element with a number and keeps the larger one. Python's built-in max() is not element by element: "
        "it fails on an array of several numbers, and on a 0-d array it hands back one of its arguments as it is.",
        "Take NumPy's element-by-element maximum of x and the float zero, and return it. Write the zero as a "
        "float (0.0), so that the result is a float array even when x is a 0-d array. The maximum builds a new "
        "array, so x itself is left unchanged.",
    ],
    "relu_derivative": [
        "The derivative is the slope of relu's graph: 1 where the graph goes up (x > 0) and 0 where it is flat "
        "(x < 0). At exactly x = 0 the convention is 0, as in PyTorch and JAX.",
        "Compare the whole array with 0 to get True/False for every element, then turn True/False into the floats "
        "1.0/0.0. Use a strict comparison (greater than, not greater or equal): the slope at exactly 0 is 0.",
        "Step 1: the comparison x > 0 gives an array of True/False with x's shape. Step 2: turn it into floats, "
        "either by changing the array's dtype to float or by letting np.where pick 1.0 where the comparison holds "
        "and 0.0 elsewhere. Return the float array, never the True/False one.",
    ],
}
