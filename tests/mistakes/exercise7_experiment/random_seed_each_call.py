# expect: nondeterministic
# check: compare_setups_returns_results
# Draws a new random seed on every call, so the same data gives different numbers.
import numpy as np

from exercise6_training import predict, train


def compare_setups(X, y, seed=0):
    seed = int(np.random.randint(1_000_000))
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
            "first_layer_grad_norm": float(np.mean([g[0] for g in history["grad_norms"]])),
        }
    return results
