"""The training diagnostics, as pure functions on hand-built networks with known answers,
and how exercise 6's checks turn their findings into warnings and failures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from actgrade import catalog, datasets, diagnostics, grading
from actgrade.checks import exercise6_training as ex6
from actgrade.checks import findings
from actgrade.checks.core import CheckFailed, Context

# Every row of X is positive, so a unit whose incoming weights are all <= 0 (and bias <= 0)
# has a pre-activation <= 0 on every example: it is dead.
X_POS = np.array([[1.0, 2.0], [3.0, 1.0], [2.0, 2.0], [0.5, 4.0], [1.5, 0.5]])


def layer(W, b=None):
    W = np.asarray(W, dtype=float)
    return (W, np.zeros(W.shape[1]) if b is None else np.asarray(b, dtype=float))


def net(*layers):
    return list(layers)


# -- building blocks --------------------------------------------------------------------


def test_hidden_preactivations_follow_the_forward_pass():
    W1, b1 = np.array([[1.0, -1.0, 0.5], [0.0, 2.0, -1.0]]), np.array([0.5, -1.0, 0.0])
    W2, b2 = np.array([[1.0, 2.0], [-1.0, 0.0], [0.5, 0.5]]), np.array([0.1, -0.2])
    W3, b3 = np.array([[1.0], [1.0]]), np.array([0.0])
    params = net((W1, b1), (W2, b2), (W3, b3))
    X = np.array([[1.0, -2.0], [0.5, 0.5], [-1.0, 3.0], [2.0, 0.0]])
    z1 = X @ W1 + b1
    z2 = np.maximum(z1, 0) @ W2 + b2
    zs = diagnostics.hidden_preactivations(params, X, "relu")
    assert len(zs) == 2  # hidden layers: all but the last
    np.testing.assert_allclose(zs[0], z1)
    np.testing.assert_allclose(zs[1], z2)
    s1 = 1 / (1 + np.exp(-z1))
    np.testing.assert_allclose(diagnostics.hidden_preactivations(params, X, "sigmoid")[1], s1 @ W2 + b2)
    e = np.exp(z1 - z1.max(axis=1, keepdims=True))
    soft = e / e.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(diagnostics.hidden_outputs(params, X, "softmax")[0], soft)
    np.testing.assert_allclose(diagnostics.hidden_outputs(params, X, "leaky_relu")[0], np.where(z1 > 0, z1, 0.01 * z1))


def test_activation_derivative_uses_the_softmax_jacobian_diagonal():
    z = np.array([[0.0, 0.0], [np.log(3.0), 0.0]])  # softmax rows [0.5, 0.5] and [0.75, 0.25]
    np.testing.assert_allclose(diagnostics.activation_derivative(z, "softmax"),
                               [[0.25, 0.25], [0.1875, 0.1875]])
    np.testing.assert_allclose(diagnostics.activation_derivative(np.array([0.0]), "sigmoid"), [0.25])
    np.testing.assert_array_equal(diagnostics.activation_derivative(np.array([-1.0, 0.0, 2.0]), "relu"), [0, 0, 1])
    np.testing.assert_array_equal(diagnostics.activation_derivative(np.array([-1.0, 2.0]), "leaky_relu"), [0.01, 1])
    with pytest.raises(ValueError):
        diagnostics.activation_derivative(z, "tanh")


def test_inputs_are_not_modified_and_lists_are_accepted():
    W = np.array([[1.0, -1.0], [1.0, -1.0]])
    params = [[W.copy(), [0.0, 0.0]], [np.ones((2, 1)), [0.0]]]
    X = X_POS.copy()
    diagnostics.diagnose(params, X, [1.0, 0.5], [[0.1, 0.2], [0.1, 0.2]])
    np.testing.assert_array_equal(params[0][0], W)
    np.testing.assert_array_equal(X, X_POS)


# -- dead ReLUs -------------------------------------------------------------------------


def test_exactly_half_dead_reports_one_half():
    # Units 2 and 4 have negative weights: z < 0 for every positive example.
    W1 = [[1.0, -1.0, 0.5, -2.0], [1.0, -0.5, 0.5, -1.0]]
    found = diagnostics.dead_units(net(layer(W1), layer(np.ones((4, 1)))), X_POS)
    assert found.fractions == (0.5,)
    assert found.counts == (2,) and found.widths == (4,) and found.examples == 5
    assert found.flagged and found.category == "dead-relu"


def test_a_unit_alive_on_one_example_is_not_dead_and_zero_input_is_dead():
    # Unit 1 is positive only on the row [3, 1]; unit 2 has zero weights and bias: z == 0 everywhere.
    W1 = [[1.0, 0.0, 1.0], [-2.5, 0.0, 1.0]]
    found = diagnostics.dead_units(net(layer(W1), layer(np.ones((3, 1)))), X_POS)
    assert found.counts == (1,)
    assert found.fractions == pytest.approx((1 / 3,))


def test_dead_fraction_per_layer_and_threshold():
    W1 = np.eye(2)  # both units alive (positive inputs)
    W2 = [[1.0, -1.0, 1.0, 1.0], [1.0, -1.0, 1.0, 1.0]]  # one of four dead
    found = diagnostics.dead_units(net(layer(W1), layer(W2), layer(np.ones((4, 1)))), X_POS)
    assert found.fractions == (0.0, 0.25)
    assert found.worst == 0.25 and found.worst_layer == 1 and found.flagged
    assert not diagnostics.dead_units(net(layer(W1), layer(W2), layer(np.ones((4, 1)))), X_POS,
                                      threshold=0.3).flagged
    text = findings.explain(found)
    assert "1 of the 4" in text and "hidden layer 2" in text and "(25%)" in text
    assert "learning rate" in text and "leaky ReLU" in text


def test_leaky_relu_units_are_measured_but_never_flagged():
    W1 = [[-1.0, -1.0], [-1.0, -1.0]]
    found = diagnostics.dead_units(net(layer(W1), layer(np.ones((2, 1)))), X_POS, "leaky_relu")
    assert found.fractions == (1.0,) and not found.flagged


def test_no_hidden_layer_means_nothing_to_measure():
    found = diagnostics.dead_units(net(layer(np.ones((2, 1)))), X_POS)
    assert found.fractions == () and found.worst == 0.0 and not found.flagged


# -- saturation -------------------------------------------------------------------------


def test_sigmoid_units_with_huge_inputs_are_saturated():
    # Units 1 and 2: |z| >= 20 on every example; units 3 and 4: z = 0.
    W1 = [[20.0, -20.0, 0.0, 0.0], [20.0, -20.0, 0.0, 0.0]]
    found = diagnostics.saturation(net(layer(W1), layer(np.ones((4, 1)))), X_POS, "sigmoid")
    assert found.fractions == (0.5,) and found.counts == (2,)
    assert found.flagged and found.category == "saturation"
    text = findings.explain(found)
    assert "2 of the 4 sigmoid units" in text and "0.01" in text and "scale your inputs" in text


def test_saturated_means_on_more_than_half_the_examples():
    # The unit's z is 20 * (x1 - x2): large on the rows where x1 != x2, 0 on the row [2, 2].
    X = np.array([[1.0, 2.0], [3.0, 1.0], [2.0, 2.0], [2.0, 2.0]])  # large on 2 of 4 rows: not most
    params = net(layer([[20.0], [-20.0]]), layer(np.ones((1, 1))))
    assert diagnostics.saturation(params, X, "sigmoid").fractions == (0.0,)
    X3 = np.array([[1.0, 2.0], [3.0, 1.0], [4.0, 1.0], [2.0, 2.0]])  # large on 3 of 4 rows: most
    assert diagnostics.saturation(params, X3, "sigmoid").fractions == (1.0,)


def test_softmax_saturation_from_a_dominant_unit_and_from_width():
    X = np.ones((3, 1))
    dominant = diagnostics.saturation(net(layer([[30.0, 0.0, 0.0]]), layer(np.ones((3, 1)))), X, "softmax")
    assert dominant.fractions == (1.0,)  # S = [1, 0, 0]: every S_i (1 - S_i) is about 0
    even = diagnostics.saturation(net(layer([[0.0, 0.0]]), layer(np.ones((2, 1)))), X, "softmax")
    assert even.fractions == (0.0,)  # S = [0.5, 0.5]: S_i (1 - S_i) = 0.25
    wide = diagnostics.saturation(net(layer(np.zeros((1, 200))), layer(np.ones((200, 1)))), X, "softmax")
    assert wide.fractions == (1.0,)  # S_i = 1/200: S_i (1 - S_i) < 0.005
    assert wide.mean_derivatives[0] == pytest.approx(1 / 200 * (1 - 1 / 200))
    assert "softmax units" in findings.explain(wide)


def test_relu_cannot_saturate():
    found = diagnostics.saturation(net(layer([[20.0], [20.0]]), layer(np.ones((1, 1)))), X_POS, "relu")
    assert not found.applies and found.fractions == (0.0,) and not found.flagged


# -- vanishing gradients ----------------------------------------------------------------


def test_vanishing_gradient_ratio_first_to_last_layer():
    norms = [[3e-6, 1e-3, 1.0]] * 10
    found = diagnostics.gradient_flow(norms)
    assert found.initial_ratio == pytest.approx(3e-6) and found.median_ratio == pytest.approx(3e-6)
    assert found.mean_norms == pytest.approx((3e-6, 1e-3, 1.0))
    assert found.flagged and found.category == "vanishing-gradient"
    text = findings.explain(found)
    assert "3e-6" in text and "1/330,000" in text and "ReLU" in text


def test_vanishing_at_the_start_counts_even_when_it_recovers():
    norms = [[1e-5, 1.0]] + [[0.5, 1.0]] * 9
    found = diagnostics.gradient_flow(norms)
    assert found.median_ratio == pytest.approx(0.5) and found.final_ratio == pytest.approx(0.5)
    assert found.flagged


def test_healthy_gradients_and_degenerate_histories_are_not_flagged():
    assert not diagnostics.gradient_flow([[0.3, 1.3], [0.2, 0.4]]).flagged
    dead_output = diagnostics.gradient_flow([[0.0, 0.0]] * 5)  # no gradient at all: no ratio
    assert math.isnan(dead_output.median_ratio) and not dead_output.flagged
    one_layer = diagnostics.gradient_flow([[1e-9]] * 3)
    assert one_layer.layers == 1 and not one_layer.flagged
    with pytest.raises(ValueError):
        diagnostics.gradient_flow([])


# -- divergence -------------------------------------------------------------------------


def test_a_rising_loss_is_divergence_and_names_the_sign():
    found = diagnostics.divergence([0.7, 0.9, 1.4, 3.0, 10.0])
    assert found.kind == "rising" and found.flagged and found.rising_fraction == 1.0
    assert found.category == "divergence"
    assert "W - lr * dW" in findings.explain(found)


def test_a_bouncing_loss_that_ends_higher_blames_the_learning_rate():
    found = diagnostics.divergence([0.7, 0.2, 1.5, 0.3, 1.6, 0.4, 0.9])
    assert found.kind == "rising" and found.rising_fraction == pytest.approx(0.5)
    assert "10 times smaller" in findings.explain(found)


def test_nan_or_inf_in_the_loss():
    found = diagnostics.divergence([0.7, 5.0, 1e300, math.inf, math.nan])
    assert found.kind == "nonfinite" and found.first_nonfinite == 3
    assert found.peak == 1e300 and found.peak_epoch == 2
    assert "epoch 4 of 5" in findings.explain(found)


def test_a_spike_and_a_rebound():
    spike = diagnostics.divergence([1.0, 3.0, 0.5, 0.1])
    assert spike.kind == "spike" and spike.peak == 3.0 and spike.peak_epoch == 1
    assert "3 times" in findings.explain(spike)
    rebound = diagnostics.divergence([1.0, 0.5, 0.1, 0.8])
    assert rebound.kind == "rebound" and rebound.progress_lost == pytest.approx(0.7 / 0.9)


def test_a_falling_or_flat_loss_is_not_divergence():
    assert not diagnostics.divergence(np.linspace(1.0, 0.01, 50)).flagged
    assert not diagnostics.divergence([0.69] * 20).flagged
    assert not diagnostics.divergence([0.69, 0.69 + 1e-12]).flagged  # rounding, not a rise
    assert not diagnostics.divergence([0.7]).flagged


# -- symmetry ---------------------------------------------------------------------------


def test_two_identical_columns_report_symmetry():
    W1 = [[0.3, 0.3, -0.8], [1.2, 1.2, 0.4]]
    found = diagnostics.symmetry(net(layer(W1, [0.1, 0.1, 0.0]), layer(np.ones((3, 1)))))
    assert found.twinned == (2,) and found.distinct == (2,) and found.widths == (3,)
    assert found.flagged and not found.complete and found.category == "symmetry"
    assert "2 of the 3 units" in findings.explain(found)


def test_same_weights_but_a_different_bias_is_not_symmetric():
    W1 = [[0.3, 0.3], [1.2, 1.2]]
    assert not diagnostics.symmetry(net(layer(W1, [0.1, 0.2]), layer(np.ones((2, 1))))).flagged


def test_zero_initialisation_is_complete_symmetry():
    params = net(layer(np.zeros((2, 5))), layer(np.zeros((5, 4))), layer(np.zeros((4, 1))))
    found = diagnostics.symmetry(params)
    assert found.distinct == (1, 1) and found.twinned == (5, 4) and found.complete
    text = findings.explain(found)
    assert "All 5 units" in text and "init_params" in text


def test_random_weights_and_the_output_layer_do_not_count():
    rng = np.random.default_rng(0)
    params = net(layer(rng.normal(size=(2, 32))), layer(np.zeros((32, 3))))  # identical output columns
    assert not diagnostics.symmetry(params).flagged
    # Huge units next to small ones: the tolerance follows each pair's own size.
    W = np.array([[1e100, 2e100, 0.5, 0.7], [3e100, 1e100, -0.5, 0.1]])
    assert not diagnostics.symmetry(net(layer(W), layer(np.ones((4, 1))))).flagged


# -- no learning ------------------------------------------------------------------------


def test_a_flat_loss_is_no_learning():
    found = diagnostics.loss_progress(np.linspace(0.78, 0.72, 500))
    assert found.relative_drop == pytest.approx(0.06 / 0.78) and found.flagged
    assert found.category == "no-learning"
    text = findings.explain(found)
    assert "0.78" in text and "0.72" in text and "7.7% lower" in text and "learning rate" in text


def test_a_falling_or_rising_loss_is_not_a_plateau():
    assert not diagnostics.loss_progress([1.0, 0.5, 0.1]).flagged
    assert not diagnostics.loss_progress([0.7, 2.0]).flagged  # that is divergence
    assert not diagnostics.loss_progress([0.7, math.nan]).flagged
    assert diagnostics.loss_progress([0.693] * 10).flagged


# -- all at once ------------------------------------------------------------------------


def test_diagnose_ranks_the_most_telling_finding_first():
    zero = net(layer(np.zeros((2, 4))), layer(np.zeros((4, 1))))
    diagnosis = diagnostics.diagnose(zero, X_POS, [0.69] * 10, [[0.0, 0.1]] * 10)
    # Identical units explain the dead units (z == 0) and the flat loss: only symmetry is reported.
    assert diagnosis.dead.flagged and diagnosis.progress.flagged
    assert [f.category for f in diagnosis.problems()] == ["symmetry"]

    alive = net(layer([[1.0, -1.0], [0.5, -0.5]]), layer(np.ones((2, 1))))
    nan_run = diagnostics.diagnose(alive, X_POS, [0.7, math.nan], [[0.1, 0.2]] * 2)
    assert [f.category for f in nan_run.problems()] == ["divergence"]

    bouncy = diagnostics.diagnose(alive, X_POS, [0.7, 3.0, 0.2, 0.9], [[0.1, 0.2]] * 4)
    assert [f.category for f in bouncy.problems()] == ["dead-relu", "divergence"]
    categories = [c for c, _ in findings.hints(bouncy.problems())]
    assert categories == ["dead-relu", "divergence"]


def test_a_healthy_reference_run_has_no_problems():
    ref = catalog.reference_module(catalog.find("exercise6"))
    X, y = datasets.two_moons(n=200, seed=3)
    history = ref.train(X, y)
    diagnosis = diagnostics.diagnose(history["params"], X, history["losses"], history["grad_norms"])
    assert diagnosis.problems() == []
    assert len(diagnosis.findings()) == 6


def test_numbers_read_well():
    from actgrade import numbers

    assert numbers.number(0.6931) == "0.693"
    assert numbers.number(0.0081) == "0.0081"
    assert numbers.number(3e-6) == "3e-6"
    assert numbers.number(4.9e200) == "4.9e200"
    assert numbers.number(math.nan) == "nan"
    assert numbers.ratio_text(3e-6) == "3e-6 (about 1/330,000)"
    assert numbers.percent_text(0.3125) == "31.2%"
    assert numbers.percent_text(0.5) == "50%"
    assert numbers.number_text(4.5397868702434395e-05) == "4.53979e-05"
    assert numbers.points_text(7.0) == "7" and numbers.points_text(2.5) == "2.5"


# -- inside exercise 6's checks -----------------------------------------------------------


class FakeSubmission:
    """Stands in for the sandboxed learner: `train` returns a history made in-process."""

    last = None

    def __init__(self, train):
        self.train = train

    def sibling(self, module: str, filename: str):
        """The learner's earlier exercises: none here (they cannot be blamed)."""
        return None


def context(seed: int = 0, check_name: str = "test") -> Context:
    exercise = catalog.find("exercise6")
    return Context(seed, grading.check_rng(seed, check_name), catalog.reference_module(exercise), exercise.id)


def with_dead_units(train_width: int = 22, dead: int = 10):
    """A learner whose network works (trained with `train_width` units) but carries `dead` dead ReLUs."""
    ref = catalog.reference_module(catalog.find("exercise6"))

    def train(X, y, **kwargs):
        history = ref.train(X, y, hidden_sizes=(train_width,))
        (W1, b1), (W2, b2) = history["params"]
        rng = np.random.default_rng(1)
        W1 = np.hstack([W1, rng.normal(size=(W1.shape[0], dead))])
        b1 = np.concatenate([b1, np.full(dead, -50.0)])  # z <= 0 on every example: dead
        W2 = np.vstack([W2, rng.normal(size=(dead, 1))])
        return {"params": [(W1, b1), (W2, b2)], "losses": history["losses"], "grad_norms": history["grad_norms"]}

    return train


def test_a_passing_run_with_30_percent_dead_relus_gets_a_warning():
    ctx = context()
    ex6.learns_two_moons.run(FakeSubmission(with_dead_units()), ctx)  # passes: no CheckFailed
    categories = [hint.category for hint in ctx.notes]
    assert categories == ["dead-relu"]
    assert "10 of the 32 ReLU units" in ctx.notes[0].text and "(31.2%)" in ctx.notes[0].text
    assert ctx.notes[0].text.startswith("Your network passed")


def test_a_failing_run_is_explained_by_its_findings():
    ctx = context()
    flat = with_dead_units(train_width=22, dead=10)

    def barely_trained(X, y, **kwargs):
        history = flat(X, y)
        (W1, b1), (W2, b2) = history["params"]
        return {"params": [(W1, b1), (np.zeros_like(W2), b2)], "losses": [0.7] * 500,
                "grad_norms": history["grad_norms"]}

    with pytest.raises(CheckFailed) as failed:
        ex6.learns_xor.run(FakeSubmission(barely_trained), ctx)
    categories = [hint.category for hint in failed.value.hints]
    assert categories == ["dead-relu", "no-learning"]
    assert "training accuracy" in failed.value.hints[0].text


def test_a_nan_loss_fails_even_with_good_accuracy():
    ctx = context()
    good = with_dead_units(train_width=32, dead=0)

    def nan_loss(X, y, **kwargs):
        history = good(X, y)
        return dict(history, losses=[*history["losses"][:-1], math.nan])

    with pytest.raises(CheckFailed) as failed:
        ex6.learns_two_moons.run(FakeSubmission(nan_loss), ctx)
    hint = failed.value.hints[0]
    assert hint.category == "divergence" and "weights are finite" in hint.text


def test_a_long_climb_names_the_sign_even_when_it_ends_in_nan_or_among_dead_units():
    climb = diagnostics.divergence([0.7 + 0.5 * i for i in range(40)] + [math.inf])
    assert climb.uphill and "minus sign" in findings.explain(climb)
    blow_up = diagnostics.divergence([0.7, 5.0, 1e300, math.inf, math.nan])
    assert not blow_up.uphill and "learning rate is too large" in findings.explain(blow_up)
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    dead_layer = [(np.array([[1.0, -1.0], [1.0, -1.0]]), np.array([0.0, -5.0])), (np.ones((2, 1)), np.zeros(1))]
    losses = [0.7 + 0.1 * i for i in range(30)]
    diagnosis = diagnostics.diagnose(dead_layer, X, losses, [[1.0, 1.0]] * 30, "relu")
    assert diagnosis.dead.flagged  # half the units are dead, yet the climb explains it first
    assert [type(f).__name__ for f in diagnosis.problems()] == ["Divergence"]
