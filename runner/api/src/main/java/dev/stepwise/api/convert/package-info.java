/**
 * Built-in conversion of step parameter text to Java types.
 */
package dev.stepwise.api.convert;
