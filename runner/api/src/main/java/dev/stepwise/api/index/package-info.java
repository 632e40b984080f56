/**
 * The build-time step index format, shared by the annotation processor that writes it and the
 * runner that reads it.
 */
package dev.stepwise.api.index;
