"""Autograd: the DAG PyTorch records for one forward + loss, its layout and its SVG.

Qt-free; reads only netbuilder.core. The GUI's view of it is netbuilder/gui/autograd/.
"""
