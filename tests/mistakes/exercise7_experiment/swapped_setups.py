# expect: value
# check: compare_setups_same_budget
# expect-words: are those of the softmax + linear set-up
# Files the tutorials' set-up under the question's name and the other way round.
import numpy as np

from exercise6_training import predict, train


def compare_setups(X, y, epochs=500, seed=0):
    results = {}
    for name, (activation, output, loss) in {**SETUPS, "relu_sigmoid": SETUPS["softmax_linear"], "softmax_linear": SETUPS["relu_sigmoid"]}.items():
        targets = y if output == "sigmoid" else np.eye(2)[y]
        history = train(X, targets, activation=activation, output=output, loss=loss, epochs=epochs, seed=seed)
        predicted = predict(history["params"], X, activation=activation, output=output)
        results[name] = {
            "accuracy": float(np.mean(predicted == y)),
            "final_loss": history["losses"][-1],
            "first_layer_grad_at_start": history["grad_norms"][0][0],
        }
    return results
