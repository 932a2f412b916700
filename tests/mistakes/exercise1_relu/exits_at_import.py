# expect: error
# check: relu_values
# Leftover script code that exits when the file is imported.
import sys

sys.exit("done testing")
