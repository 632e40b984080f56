package dev.stepwise.host.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {

    private final Spec spec = Fixtures.parse("project/specs/basic.spec").spec();
    private final Resolver resolver = new Resolver(Fixtures.PROJECT, Fixtures.SETTINGS);
    private final Map<String, String> row0 = resolver.rowValues(spec.dataTable().orElseThrow().table(), 0);

    private static Parameter p(Parameter.Type type, String name, String value) {
        return new Parameter(type, name, value, Optional.empty());
    }

    @Test
    void staticAndDynamic() {
        Step say = spec.scenarios().get(0).steps().get(0);
        assertEquals(List.of(p(Parameter.Type.STATIC, "", "hello \"you\""), p(Parameter.Type.DYNAMIC, "user", "alice")),
                resolver.resolve(say, row0));
    }

    @Test
    void specialParameters() {
        List<Parameter> params = resolver.resolve(spec.scenarios().get(0).steps().get(1), row0);
        assertEquals(p(Parameter.Type.SPECIAL_STRING, "file:hello.txt", "hello from file"), params.get(0));
        assertEquals(Parameter.Type.SPECIAL_TABLE, params.get(1).type());
        assertEquals("table:users.csv", params.get(1).name());
        assertEquals(List.of("bob", "Hi"), params.get(1).table().orElseThrow().rows().get(1).values());
    }

    @Test
    void inlineTableCellsResolvedFromRow() {
        List<Parameter> params = resolver.resolve(spec.scenarios().get(0).steps().get(2), row0);
        Parameter table = params.get(0);
        assertEquals(Parameter.Type.TABLE, table.type());
        assertEquals("", table.name());
        assertEquals(List.of("1", "alice"), table.table().orElseThrow().rows().get(0).values());
        assertEquals(List.of("2", "|pipe"), table.table().orElseThrow().rows().get(1).values());
    }

    @Test
    void multilineStringIsSpecialStringWithEmptyName() {
        Step block = spec.scenarios().get(1).steps().get(2);
        assertEquals(List.of(p(Parameter.Type.SPECIAL_STRING, "", "line one\n  line two")),
                resolver.resolve(block, Map.of()));
    }

    @Test
    void conceptExpandsToLeavesWithConceptParamNames() {
        Step login = spec.scenarios().get(0).steps().get(3);
        List<ExecutableStep> leaves = resolver.expand(login, row0);
        assertEquals(List.of("Open login page", "Type <user> into \"username\"", "Type <password> into \"password\""),
                leaves.stream().map(l -> l.step().text()).toList());
        assertEquals(List.of(p(Parameter.Type.DYNAMIC, "user", "joe"), p(Parameter.Type.STATIC, "", "username")),
                leaves.get(1).parameters());
        assertEquals(List.of(p(Parameter.Type.DYNAMIC, "password", "a1"), p(Parameter.Type.STATIC, "", "password")),
                leaves.get(2).parameters());
        assertEquals(List.of(login), leaves.get(0).concepts());
    }

    @Test
    void nestedConceptsResolveThroughParents() {
        Step admin = spec.scenarios().get(0).steps().get(4);
        List<ExecutableStep> leaves = resolver.expand(admin, Map.of());
        assertEquals(4, leaves.size());
        assertEquals(p(Parameter.Type.DYNAMIC, "user", "admin"), leaves.get(1).parameters().get(0));
        assertEquals(p(Parameter.Type.DYNAMIC, "password", "secret"), leaves.get(2).parameters().get(0));
        assertEquals(2, leaves.get(1).concepts().size());
        assertEquals(Parameter.Type.TABLE, leaves.get(3).parameters().get(0).type());
    }

    @Test
    void tableBoundToConceptBecomesSpecialTable() {
        ConceptRegistry reg = Fixtures.concepts();
        ParsedSpec p = new SpecParser(Fixtures.PROJECT, Fixtures.SETTINGS, reg).parse(java.nio.file.Path.of("t.spec"),
                "# T\n## S\n* Create users\n   |name|\n   |ann |\n");
        Step call = p.spec().scenarios().get(0).steps().get(0);
        assertEquals("Create users {}", call.value());
        List<ExecutableStep> leaves = resolver.expand(call, Map.of());
        Parameter param = leaves.get(0).parameters().get(0);
        assertEquals(Parameter.Type.SPECIAL_TABLE, param.type());
        assertEquals("table", param.name());
        assertEquals(List.of("ann"), param.table().orElseThrow().rows().get(0).values());
    }

    @Test
    void scenarioRowOverridesSpecRow() {
        Scenario second = spec.scenarios().get(1);
        Map<String, String> row = Resolver.merge(row0, resolver.rowValues(second.dataTable().orElseThrow().table(), 0));
        assertEquals(List.of(p(Parameter.Type.DYNAMIC, "code", "42"), p(Parameter.Type.DYNAMIC, "user", "alice")),
                resolver.resolve(second.steps().get(0), row));
    }
}
