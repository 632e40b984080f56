package dev.stepwise.host.parser;

/** Anything that appears in a spec or scenario, kept in source order (what ProtoSpec's items need). */
public sealed interface SpecItem permits Comment, Tags, DataTable, Step, Scenario, Teardown {

    /** 1-based line where the item starts. */
    int line();
}
