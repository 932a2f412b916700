"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "compare_setups": [
        "Let measurements answer the question. The question changes two things at once (the hidden activation, and "
        "the output with its loss), so train all four combinations with your own train of exercise 6, on the same "
        "data, with the same seed and the same number of epochs, and compare them.",
        "One loop over SETUPS: for each set-up, call your train with its activation, output and loss and with the "
        "given epochs and seed. A linear output is trained on one-hot targets (class 0 is [1, 0]); a sigmoid output "
        "on y itself. Then three numbers per set-up: the accuracy of predict on X, the last loss of the history, and "
        "the first layer's gradient norm at the first epoch.",
        "Before the loop, the one-hot targets: one row of the 2 x 2 identity matrix per label. For each name and "
        "(activation, output, loss) of SETUPS: the history of train on X and the right targets (y for \"sigmoid\", "
        "the one-hot rows for \"linear\"), with that activation, output and loss and the epochs and seed you were "
        "given; predict with the same activation and output; the accuracy is the mean of (prediction == y), a "
        "float; the final loss is the history's last loss; the gradient entry is the first number of the first row "
        "of the history's grad_norms. Store the three under the set-up's name.",
    ],
    "gradient_norms_by_layer": [
        "A separate experiment: build a deep network that has not been trained and look at how big the gradient is "
        "at each layer, from the input to the output. Nothing is trained here: one gradient is enough.",
        "init_params with layer sizes: the number of input columns, then `width` repeated `depth` times, then 1; "
        "then one call of loss_and_gradients with a sigmoid output and binary cross-entropy on all of X and y.",
        "The norm of every dW, in the order loss_and_gradients gives them (input layer first), each as a float; "
        "leave the biases' gradients out. Then divide the first number by the last for relu, sigmoid and softmax "
        "at depth 8 and compare the powers of ten.",
    ],
    "ANSWER_SAME_RESULT": [
        "Answer from what your compare_setups measures, not from opinion: run it on XOR with seed 0 at the default "
        "500 epochs and look at the accuracies.",
        "Same result means about the same accuracy for the same budget. Compare ReLU + sigmoid with softmax + "
        "linear after 500 epochs, on a few seeds.",
        "Run compare_setups on xor(n=200, seed=s) for a few seeds s and read the two accuracies. If they differ by "
        "far more than a few points on every seed, the result is not the same for that budget, whatever more steps "
        "might change.",
    ],
    "ANSWER_MAIN_CHANGE": [
        "Change one thing at a time, starting from the tutorials' set-up, ReLU + sigmoid: your table has one "
        "set-up that changes only the hidden activation and one that changes only the output and loss.",
        "Compare ReLU + sigmoid with softmax + sigmoid (only the hidden activation changed) and with ReLU + linear "
        "(only the output and loss changed), after 500 epochs.",
        "Subtract: accuracy of ReLU + sigmoid minus that of softmax + sigmoid is what the hidden activation costs; "
        "minus that of ReLU + linear is what the output and loss cost. The larger cost is the main change; if "
        "they are within a few points of each other, both cost about the same.",
    ],
    "ANSWER_WHY": [
        "Look at the first layer's gradient at the start in your table: a layer whose gradient is tiny barely "
        "learns. Then think about the slopes the gradient is multiplied by on its way back.",
        "Compare the first layer's gradient at the start with a ReLU hidden layer and with a softmax one (same "
        "output). Then look at the softmax's outputs S_i at the start: are they near 0 or 1 (saturated), or are "
        "they all small for another reason?",
        "At the start, compute the softmax of the first layer for a few examples (exercise 3's softmax of X times "
        "the first W plus b): the 32 outputs add up to 1, so each is near 1/32, and every Jacobian entry S_i "
        "(delta_ij - S_j) is small, though no output is near 0 or 1. Pick the choice that describes slopes that "
        "are small from the very first step; then compare with what more steps do.",
    ],
}
