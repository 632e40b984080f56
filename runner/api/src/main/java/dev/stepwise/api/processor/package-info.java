/**
 * The annotation processor that writes the build-time step index and checks step and hook
 * declarations while compiling.
 */
package dev.stepwise.api.processor;
