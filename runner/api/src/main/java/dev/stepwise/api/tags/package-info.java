/**
 * Tag expressions: the one grammar used by tag filters on the command line and on hooks.
 */
package dev.stepwise.api.tags;
