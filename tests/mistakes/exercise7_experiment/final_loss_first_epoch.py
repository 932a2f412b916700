# expect: value
# check: compare_setups_same_budget
# expect-words: the loss of the FIRST epoch
# Reports the loss of the first epoch as the final loss.
import numpy as np

from exercise6_training import predict, train


def compare_setups(X, y, epochs=500, seed=0):
    results = {}
    for name, (activation, output, loss) in SETUPS.items():
        targets = y if output == "sigmoid" else np.eye(2)[y]
        history = train(X, targets, activation=activation, output=output, loss=loss, epochs=epochs, seed=seed)
        predicted = predict(history["params"], X, activation=activation, output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == y)),
            "final_loss": history["losses"][0],
            "first_layer_grad_at_start": history["grad_norms"][0][0],
        }
    return results
