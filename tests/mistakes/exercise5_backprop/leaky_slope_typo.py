# expect: value
# check: forward_values
# check: gradients_leaky_relu
# Types the leaky ReLU slope as 0.1 everywhere: consistent, but not the network asked for.
LEAKY_RELU_SLOPE = 0.1
