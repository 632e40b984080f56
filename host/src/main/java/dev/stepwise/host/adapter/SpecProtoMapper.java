package dev.stepwise.host.adapter;

import dev.stepwise.host.parser.Comment;
import dev.stepwise.host.parser.DataTable;
import dev.stepwise.host.parser.Diagnostic;
import dev.stepwise.host.parser.Parameter;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.Scenario;
import dev.stepwise.host.parser.Spec;
import dev.stepwise.host.parser.SpecItem;
import dev.stepwise.host.parser.Step;
import dev.stepwise.host.parser.StepArg;
import dev.stepwise.host.parser.Tags;
import dev.stepwise.host.parser.Teardown;
import dev.stepwise.proto.Error;
import dev.stepwise.proto.Fragment;
import dev.stepwise.proto.ProtoComment;
import dev.stepwise.proto.ProtoConcept;
import dev.stepwise.proto.ProtoItem;
import dev.stepwise.proto.ProtoScenario;
import dev.stepwise.proto.ProtoSpec;
import dev.stepwise.proto.ProtoStep;
import dev.stepwise.proto.ProtoTags;
import dev.stepwise.proto.Span;
import dev.stepwise.proto.SpecDetails;

import java.util.List;

/**
 * Maps the parser's model to Gauge's {@code ProtoSpec} family: what {@code GenerateDocs} sends to a documentation
 * plugin, and the step and scenario items of reporter notifications. Parse-time shapes only: no results.
 */
public final class SpecProtoMapper {

    private SpecProtoMapper() {
    }

    /** One {@code SpecDetail}: the spec as parsed, with its parse errors. */
    public static SpecDetails.SpecDetail specDetail(ParsedSpec parsed) {
        SpecDetails.SpecDetail.Builder b = SpecDetails.SpecDetail.newBuilder().setSpec(spec(parsed.spec()));
        for (Diagnostic d : parsed.errors()) {
            b.addParseErrors(error(d));
        }
        return b.build();
    }

    public static Error error(Diagnostic d) {
        return Error.newBuilder().setType(Error.ErrorType.PARSE_ERROR).setFilename(d.file().toString())
                .setLineNumber(d.line()).setMessage(d.message()).build();
    }

    /** The whole spec: heading, tags, and every item in source order (comments, tags, table, steps, scenarios). */
    public static ProtoSpec spec(Spec spec) {
        ProtoSpec.Builder b = header(spec);
        for (SpecItem item : spec.items()) {
            ProtoItem p = item(item);
            if (p != null) {
                b.addItems(p);
            }
        }
        return b.build();
    }

    /** Heading, file, tags and the table-driven flag, without items. */
    public static ProtoSpec.Builder header(Spec spec) {
        return ProtoSpec.newBuilder().setSpecHeading(spec.heading())
                .setFileName(spec.file().toAbsolutePath().toString()).addAllTags(spec.tags())
                .setIsTableDriven(spec.dataTable().isPresent());
    }

    private static ProtoItem item(SpecItem item) {
        if (item instanceof Comment c) {
            return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Comment)
                    .setComment(ProtoComment.newBuilder().setText(c.isBlank() ? "\n" : c.text())).build();
        }
        if (item instanceof Tags t) {
            return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Tags)
                    .setTags(ProtoTags.newBuilder().addAllTags(t.values())).build();
        }
        if (item instanceof DataTable t) {
            return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Table)
                    .setTable(ProtoMapper.table(t.table())).build();
        }
        if (item instanceof Step s) {
            return stepItem(s);
        }
        if (item instanceof Scenario sc) {
            return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Scenario).setScenario(scenario(sc)).build();
        }
        if (item instanceof Teardown) {
            return null; // Gauge sends the teardown marker nowhere; its steps follow as items
        }
        return null;
    }

    /** A step as written, or a concept invocation with its steps. */
    public static ProtoItem stepItem(Step s) {
        if (s.isConcept()) {
            ProtoConcept.Builder c = ProtoConcept.newBuilder().setConceptStep(step(s));
            for (Step inner : s.conceptSteps()) {
                c.addSteps(stepItem(inner));
            }
            return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Concept).setConcept(c).build();
        }
        return ProtoItem.newBuilder().setItemType(ProtoItem.ItemType.Step).setStep(step(s)).build();
    }

    /** The scenario as parsed: heading, tags, span and its items. */
    public static ProtoScenario scenario(Scenario sc) {
        ProtoScenario.Builder b = ProtoScenario.newBuilder().setScenarioHeading(sc.heading()).addAllTags(sc.tags())
                .setSpan(Span.newBuilder().setStart(sc.spanStart()).setEnd(sc.spanEnd()));
        for (SpecItem item : sc.items()) {
            ProtoItem p = item(item);
            if (p != null) {
                b.addScenarioItems(p);
            }
        }
        return b.build();
    }

    /** A step as written: text fragments and the written parameters (dynamic ones unresolved). */
    public static ProtoStep step(Step s) {
        ProtoStep.Builder b = ProtoStep.newBuilder().setActualText(s.text()).setParsedText(s.value());
        List<StepArg> written = s.args().stream()
                .filter(a -> a.kind() != StepArg.Kind.TABLE && a.kind() != StepArg.Kind.MULTILINE_STRING).toList();
        List<String> parts = s.textParts();
        for (int i = 0; i < Math.max(parts.size(), written.size()); i++) {
            if (i < parts.size() && !parts.get(i).isEmpty()) {
                b.addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Text).setText(parts.get(i)));
            }
            if (i < written.size()) {
                b.addFragments(parameterFragment(argParameter(written.get(i))));
            }
        }
        for (StepArg a : s.args()) {
            if (a.kind() == StepArg.Kind.TABLE || a.kind() == StepArg.Kind.MULTILINE_STRING) {
                b.addFragments(parameterFragment(argParameter(a)));
            }
        }
        return b.build();
    }

    /**
     * A step as executed: the text pieces of {@code parsedText} (split at each {@code {}}) around the resolved
     * parameters, so a data-driven row shows its own values.
     */
    public static ProtoStep executedStep(String actualText, String parsedText, List<Parameter> parameters) {
        ProtoStep.Builder b = ProtoStep.newBuilder().setActualText(actualText).setParsedText(parsedText);
        String[] pieces = parsedText.split("\\{}", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (!pieces[i].isEmpty()) {
                b.addFragments(Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Text).setText(pieces[i]));
            }
            if (i < pieces.length - 1 && i < parameters.size()) {
                b.addFragments(parameterFragment(ProtoMapper.parameter(parameters.get(i))));
            }
        }
        for (int i = pieces.length - 1; i < parameters.size(); i++) {
            b.addFragments(parameterFragment(ProtoMapper.parameter(parameters.get(i))));
        }
        return b.build();
    }

    private static Fragment parameterFragment(dev.stepwise.proto.Parameter p) {
        return Fragment.newBuilder().setFragmentType(Fragment.FragmentType.Parameter).setParameter(p).build();
    }

    private static dev.stepwise.proto.Parameter argParameter(StepArg a) {
        dev.stepwise.proto.Parameter.Builder b = dev.stepwise.proto.Parameter.newBuilder()
                .setParameterType(switch (a.kind()) {
                    case STATIC -> dev.stepwise.proto.Parameter.ParameterType.Static;
                    case DYNAMIC -> dev.stepwise.proto.Parameter.ParameterType.Dynamic;
                    case SPECIAL_STRING -> dev.stepwise.proto.Parameter.ParameterType.Special_String;
                    case SPECIAL_TABLE -> dev.stepwise.proto.Parameter.ParameterType.Special_Table;
                    case TABLE -> dev.stepwise.proto.Parameter.ParameterType.Table;
                    case MULTILINE_STRING -> dev.stepwise.proto.Parameter.ParameterType.Multiline_String;
                })
                .setName(a.name()).setValue(a.value());
        a.table().ifPresent(t -> b.setTable(ProtoMapper.table(t)));
        return b.build();
    }
}
