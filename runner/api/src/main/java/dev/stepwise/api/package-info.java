/**
 * The Stepwise step API: what step authors compile against.
 *
 * <h2>Steps</h2>
 * Annotate public instance methods with {@link dev.stepwise.api.Step}. Step classes are created
 * by the runner (or an {@link dev.stepwise.api.spi.ObjectFactory}) and live as long as their
 * {@link dev.stepwise.api.StepScope} says. Use {@link dev.stepwise.api.Stepwise} for data
 * stores, messages, attachments and screenshots.
 *
 * <h2 id="hook-order">Hook order contract</h2>
 * Hooks ({@link dev.stepwise.api.BeforeSuite}, {@link dev.stepwise.api.BeforeSpec},
 * {@link dev.stepwise.api.BeforeScenario}, {@link dev.stepwise.api.BeforeStep} and their
 * {@code After*} counterparts) of one kind form a group, after those whose {@code tags()}
 * expression does not match the current tags are removed. Before-hooks of a group run sorted by:
 * <ol>
 *   <li>ascending {@code order()};</li>
 *   <li>untagged hooks ({@code tags()} empty) before tagged ones;</li>
 *   <li>the binary name of the declaring class;</li>
 *   <li>the method name.</li>
 * </ol>
 * After-hooks of a group run in exactly the reverse of that order, so a resource set up by the
 * first before-hook is torn down by the last after-hook.
 *
 * <p>The first failing before-hook stops the rest of its group: the remaining before-hooks and
 * the item they wrap (suite, spec, scenario or step) do not run, and the item is reported as
 * failed. The after-hooks of the group still run, all of them, so that cleanup happens; every
 * after-hook failure is reported. A hook is never recoverable
 * ({@link dev.stepwise.api.ContinueOnFailure} does not apply to hooks).
 *
 * <p>Hooks take no parameter or a single {@link dev.stepwise.api.ExecutionContext}; in an
 * after-hook it tells whether the item failed and why. Suite hooks run once per run, not once
 * per parallel stream.
 */
package dev.stepwise.api;
