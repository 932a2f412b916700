# expect: value
# check: compare_setups_returns_results
# expect-words: the seed is not used
# Always trains with the default seed, whatever seed it is given.
import numpy as np

from exercise6_training import predict, train


def compare_setups(X, y, epochs=500, seed=0):
    results = {}
    for name, (activation, output, loss) in SETUPS.items():
        targets = y if output == "sigmoid" else np.eye(2)[y]
        history = train(X, targets, activation=activation, output=output, loss=loss, epochs=epochs)
        predicted = predict(history["params"], X, activation=activation, output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == y)),
            "final_loss": history["losses"][-1],
            "first_layer_grad_at_start": history["grad_norms"][0][0],
        }
    return results
