"""The progressive hints of `actgrade hint`, three levels per function, from a nudge to the method
spelled out (never code to paste). `actgrade hint` starts with the function of the check that failed
last. Plain text only: `actgrade hint` reads this file without loading the checks (or NumPy)."""

HINTS = {
    "train": [
        "Training is a loop: at every epoch, ask loss_and_gradients (exercise 5) how the loss changes with each "
        "weight, then move every weight a small step the other way, minus lr times its gradient. Record the loss "
        "and the size of each layer's gradient as you go: that history is what the grader (and you) look at.",
        "First the layer sizes: the number of input columns, the hidden sizes, then the output width (1 for "
        "sigmoid + bce, the number of classes for softmax + ce, the number of target columns for linear + mse); "
        "then init_params with the seed. Each epoch: loss_and_gradients, record the loss as a float and the "
        "Frobenius norm of every dW, then build new (W, b) pairs.",
        "Before the loop: the layer sizes, the params from init_params with this activation and seed, and two "
        "empty lists. In the loop, `epochs` times: the loss and grads of the current params from "
        "loss_and_gradients, with this call's activation, output and loss; append the loss as a float; append "
        "the list of the norms of every dW (input layer first); then make a new list of layers in which every "
        "(W, b) becomes (W - lr * dW, b - lr * db), a minus sign for downhill. After the loop return the dict "
        "with \"params\", \"losses\" and \"grad_norms\".",
    ],
    "predict": [
        "A prediction is a class number for each row. With a sigmoid output the class is 1 where the logit is "
        "> 0; with a softmax or linear output it is the position of the largest output in the row.",
        "Get the logits from your forward with output \"linear\" (no output activation). With a single column, "
        "compare it with 0; otherwise take the position of each row's largest entry. Return integers, shape (n,).",
        "Step 1: the logits, shape (n, k), from forward with the network's hidden activation and output "
        "\"linear\". Step 2: a sigmoid output with k == 1: the first column compared with 0, turned into "
        "integers. Otherwise: the argmax along axis 1, one position per row. Step 3: check that the result has "
        "shape (n,) and an integer dtype.",
    ],
}
