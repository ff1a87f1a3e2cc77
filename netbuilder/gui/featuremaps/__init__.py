"""The Feature maps panel: what each convolution makes of one sample."""
