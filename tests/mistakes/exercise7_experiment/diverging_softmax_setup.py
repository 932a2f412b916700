# expect: divergence
# check: compare_setups_returns_results
# Trains the softmax + linear set-up with a learning rate of 1e6 "to help it learn faster": the
# steps overflow and its loss comes back as nan.
import numpy as np
from exercise6_training import predict, train


def compare_setups(X, y, epochs=500, seed=0):
    y = np.asarray(y)
    labels = y.astype(int)
    one_hot = np.eye(2)[labels]
    results = {}
    for name, (activation, output, loss) in SETUPS.items():
        targets = y if output == "sigmoid" else one_hot
        lr = 1e6 if name == "softmax_linear" else 1.0
        with np.errstate(all="ignore"):
            history = train(X, targets, activation=activation, output=output, loss=loss, lr=lr,
                            epochs=epochs, seed=seed)
            predicted = predict(history["params"], X, activation=activation, output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == labels)),
            "final_loss": float(history["losses"][-1]),
            "first_layer_grad_at_start": float(history["grad_norms"][0][0]),
        }
    return results
