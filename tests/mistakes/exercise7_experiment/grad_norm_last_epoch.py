# expect: value
# check: compare_setups_on_xor
# Reports the first layer's gradient norm at the last epoch instead of its mean over the epochs
# (about 4 times off on XOR: a factor a loose tolerance let through on some seeds).
import numpy as np

from exercise6_training import predict, train


def compare_setups(X, y, seed=0):
    results = {}
    for name, (activation, output, loss, targets) in {
        "relu_sigmoid": ("relu", "sigmoid", "bce", y),
        "softmax_linear": ("softmax", "linear", "mse", np.eye(2)[y]),
    }.items():
        history = train(X, targets, activation=activation, output=output, loss=loss, seed=seed)
        predicted = predict(history["params"], X, activation=activation, output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == y)),
            "final_loss": history["losses"][-1],
            "first_layer_grad_norm": float(history["grad_norms"][-1][0]),
        }
    return results
