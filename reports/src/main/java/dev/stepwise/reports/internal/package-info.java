/** Not API: atomic report files, a streaming JSON writer and the scenario-to-JSON mapping shared by the reports. */
package dev.stepwise.reports.internal;
