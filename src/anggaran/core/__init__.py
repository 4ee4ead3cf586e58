"""The budget domain: codes, money, the tree and findings. Standard library only, no I/O."""
