"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "compare_setups": [
        "Let measurements answer the question. Train the networks on the same data, with the same seed and the "
        "same budget, with your own train of exercise 6, and compare how many training points each gets right.",
        "Call your train once per setup with the activation, output and loss the docstring gives; the linear "
        "output is trained on one-hot targets (class 0 is [1, 0], class 1 is [0, 1]). For each: the accuracy of "
        "predict (same activation and output) on X, the last loss of the history, and the size of the first "
        "layer's gradient the docstring asks for.",
        "For each setup: history = your train with that setup's activation, output and loss and the given seed; "
        "accuracy = the fraction of rows where predict(history's params, X, same activation and output) equals "
        "y, as a float; final_loss = the last entry of the history's losses; the gradient entry = the first "
        "number of the rows of the history's grad_norms, as the docstring says. Collect them in the dict of the "
        "docstring, one inner dict per setup.",
    ],
    "gradient_norms_by_layer": [
        "Build a deep network that has not been trained and look at how big the gradient is at each layer, from "
        "the input to the output. Nothing is trained here: one gradient is enough.",
        "init_params with layer sizes: the number of input columns, then `width` repeated `depth` times, then 1; "
        "then one call of loss_and_gradients with a sigmoid output and binary cross-entropy on all of X and y.",
        "The norm of every dW, in the order loss_and_gradients gives them (input layer first), each as a float; "
        "leave the biases' gradients out. Then divide the first number by the last for relu, sigmoid and softmax "
        "at depth 8 and compare the powers of ten.",
    ],
    "ANSWER_SAME_RESULT": [
        "Answer from what your compare_setups measures, not from opinion: run it on XOR with seed 0 and look at "
        "the accuracies.",
        "Same result means about the same accuracy for the same budget. Compare the setups' accuracies on XOR.",
        "Run compare_setups(*xor(n=200, seed=0)) and a few other seeds. If the accuracies differ by far more than "
        "a few points, the answer is that the result is not the same.",
    ],
    "ANSWER_WHY": [
        "Look at the first layer's gradient in your measurements: a layer whose gradient is tiny barely learns.",
        "Compare the gradient that reaches the first layer with a ReLU hidden layer and with a softmax one, and "
        "think of the slopes each activation multiplies the gradient by on its way back (exercises 1 to 3).",
        "Pick the choice that describes what your numbers show: which activation lets almost no gradient "
        "through, and why its slopes are small. Read each choice's description in the file.",
    ],
}
