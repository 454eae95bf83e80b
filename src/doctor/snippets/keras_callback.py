"""Gradient norms of a Keras model, logged for the Gradient Clinic's doctor.

    KERAS_BACKEND=tensorflow python3 keras_callback.py [gradients.csv]

Written for Keras 3 with the TensorFlow backend (TensorFlow 2.16 or later). A callback never
sees the gradients fit() computes, so this one computes them again after each batch: the
gradient of the loss on one batch held aside, one row per trainable variable. That is one
more forward and backward pass per logged step (every=10 logs one step in ten); the weights
are fit()'s, the batch is not the one fit() just used. The demo is a 10-layer sigmoid MLP.
"""
import csv
import sys

import keras
import numpy as np
import tensorflow as tf

# --- copy from here -------------------------------------------------------
class GradientLog(keras.callbacks.Callback):
    def __init__(self, file, x, y, every=1):
        super().__init__()
        self.x, self.y, self.every, self.step = x, y, every, 0
        self.csv = csv.writer(file)
        self.csv.writerow(["step", "name", "grad_norm", "weight_norm", "loss"])

    def on_train_batch_end(self, batch, logs=None):
        step, self.step = self.step, self.step + 1  # `batch` starts again at 0 every epoch
        if step % self.every:
            return
        model, variables = self.model, self.model.trainable_variables  # input -> output
        state = [v.numpy() for v in model.non_trainable_variables]  # e.g. batch norm's averages
        with tf.GradientTape() as tape:  # training=True: dropout and batch norm as fit() runs them
            loss = model.compute_loss(x=self.x, y=self.y, y_pred=model(self.x, training=True))
        grads = tape.gradient(loss, variables)
        for v, s in zip(model.non_trainable_variables, state):
            v.assign(s)  # so this extra pass leaves nothing behind
        pairs = [(v, g) for v, g in zip(variables, grads) if g is not None]
        for i, (v, g) in enumerate(pairs):  # v.path: "sequential/dense/kernel"
            self.csv.writerow([step, v.path, float(tf.linalg.global_norm([g])),
                               float(np.linalg.norm(v.numpy())), float(loss) if i == 0 else ""])
# --- to here ----------------------------------------------------------------

if __name__ == "__main__":
    keras.utils.set_random_seed(0)
    x = np.random.randn(1024, 32).astype("float32")
    y = (x[:, :1] * x[:, 1:2] > 0).astype("float32")  # a synthetic target: do two signs agree?
    hidden = [keras.layers.Dense(32, activation="sigmoid") for _ in range(9)]
    model = keras.Sequential([keras.Input((32,)), *hidden, keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(0.5), keras.losses.BinaryCrossentropy(from_logits=True))
    with open(sys.argv[1] if len(sys.argv) > 1 else "gradients.csv", "w", newline="") as f:
        log = GradientLog(f, x[:64], y[:64])  # the held batch: the first 64 samples
        model.fit(x, y, batch_size=64, epochs=4, verbose=0, callbacks=[log])
