"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "init_params": [
        "init_params makes one (W, b) pair for each pair of neighbouring widths in layer_sizes: W of shape "
        "(n_in, n_out) filled with random numbers, b zeros of length n_out. How spread out the random numbers are "
        "depends on the activation (He for relu and leaky_relu, Glorot otherwise).",
        "Loop over the (n_in, n_out) pairs (zip the list without its last entry with the list without its first). "
        "Make the random generator once, from the seed, before the loop, and draw each layer's W from its normal "
        "method with the std the docstring gives.",
        "Step 1: one generator, np.random.default_rng(seed). Step 2: for each (n_in, n_out): std = sqrt(2 / n_in) "
        "for relu and leaky_relu, sqrt(2 / (n_in + n_out)) otherwise; W = normal numbers with mean 0, that std and "
        "shape (n_in, n_out); b = zeros of length n_out. Step 3: collect the (W, b) pairs in a list, input layer "
        "first, and return it.",
    ],
    "forward": [
        "A network is a loop over its layers: z = a @ W + b, then the hidden activation, and the result is the "
        "input a of the next layer. The last layer has no hidden activation: its z are the logits, and the output "
        "activation turns them into the output.",
        "Apply the hidden activation after every layer but the last (relu, sigmoid, softmax along each row, or "
        "leaky ReLU with slope 0.01); then compute the last layer's logits; then the sigmoid, the softmax along "
        "each row, or nothing. A width-1 sigmoid output is one number per example: shape (n,), not (n, 1).",
        "Start with a = X. For each (W, b) of every layer but the last: z = a @ W + b, then a = the activation of z. "
        "With the last pair: logits = a @ W + b. Output 'sigmoid': the sigmoid of the logits, and when there is a "
        "single column, that column alone (shape (n,)); 'softmax': the softmax of each row of the logits; "
        "'linear': the logits as they are.",
    ],
    "loss_and_gradients": [
        "Backpropagation walks the forward loop backwards, from the output to the input. Work through the "
        "docstring's small example by hand first: it gives every number. Keep each layer's input a and "
        "pre-activation z from the forward pass: the way back needs them.",
        "Start with delta = the exercise 4 gradient of the loss with respect to the logits (it already holds the "
        "1/n). For each layer, from the last: dW must have W's shape and db b's shape; then carry delta back "
        "through W and through the previous layer's activation, at that layer's z. Softmax needs its whole "
        "Jacobian: work out on paper what da times J is for one row.",
        "For a layer with input a and delta: dW = the transpose of a, matrix-multiplied by delta (shape "
        "(n_in, n_out)); db = delta summed over the rows. Going back: da = delta matrix-multiplied by the "
        "transpose of W. For relu, sigmoid and leaky ReLU, the previous layer's delta is da times the derivative "
        "at that layer's z, element by element. For softmax, with s that layer's output: (da J)_j = "
        "sum_i da_i s_i (delta_ij - s_j) = s_j (da_j - sum_i da_i s_i), so one sum per row is all it needs. Return "
        "the loss as a float and the list of (dW, db) pairs, input layer first.",
    ],
}
