# expect: divergence
# check: compare_setups_returns_results
# Trains the softmax + linear setup with a learning rate of 1e6 "to help it learn faster": the
# steps overflow and its loss and gradient norm come back as nan.
import numpy as np
from exercise6_training import predict, train


def compare_setups(X, y, seed=0):
    results = {}
    for name, (activation, output, loss, targets, lr) in {
        "relu_sigmoid": ("relu", "sigmoid", "bce", y, 1.0),
        "softmax_linear": ("softmax", "linear", "mse", np.eye(2)[y], 1e6),
    }.items():
        with np.errstate(all="ignore"):
            history = train(X, targets, activation=activation, output=output, loss=loss, lr=lr, seed=seed)
            predicted = predict(history["params"], X, activation=activation, output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == y)),
            "final_loss": float(history["losses"][-1]),
            "first_layer_grad_norm": float(np.mean([g[0] for g in history["grad_norms"]])),
        }
    return results
