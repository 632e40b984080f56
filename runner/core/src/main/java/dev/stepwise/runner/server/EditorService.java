package dev.stepwise.runner.server;

import dev.stepwise.proto.CacheFileRequest;
import dev.stepwise.proto.FileChanges;
import dev.stepwise.proto.FileDiff;
import dev.stepwise.proto.ImplementationFileGlobPatternResponse;
import dev.stepwise.proto.ImplementationFileListResponse;
import dev.stepwise.proto.ParameterPosition;
import dev.stepwise.proto.RefactorRequest;
import dev.stepwise.proto.RefactorResponse;
import dev.stepwise.proto.Span;
import dev.stepwise.proto.StepNameResponse;
import dev.stepwise.proto.StepPositionsResponse;
import dev.stepwise.proto.StubImplementationCodeRequest;
import dev.stepwise.proto.TextDiff;
import dev.stepwise.runner.refactor.ProjectPaths;
import dev.stepwise.runner.refactor.RefactorException;
import dev.stepwise.runner.refactor.StepRenamer;
import dev.stepwise.runner.refactor.StubImplementer;
import dev.stepwise.runner.refactor.TextEdit;
import dev.stepwise.runner.registry.StepImplementation;
import dev.stepwise.runner.registry.StepRegistry;
import dev.stepwise.runner.registry.StepText;
import dev.stepwise.runner.source.FileSteps;
import dev.stepwise.runner.source.SourceIndex;
import dev.stepwise.runner.source.SourceSpan;
import dev.stepwise.runner.source.SourceStep;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The editor-facing RPCs, answered from the project's sources (so they work without a build) and,
 * for steps that have no source in the project, from the compiled registry. Line bases follow what
 * Gauge's language server does with each answer: {@code GetStepName}, {@code GetStepPositions} and
 * {@code Refactor} use 1-based lines, {@code ImplementStub} 0-based; characters are always 0-based.
 */
final class EditorService {

    private final SourceIndex sources;
    private final StepRegistry registry;
    private final ProjectPaths paths;
    private final StubImplementer stubs;
    private final StepRenamer renamer;

    EditorService(Path projectRoot, StepRegistry registry) {
        this.sources = new SourceIndex(SourceIndex.sourceRoots(projectRoot));
        this.registry = registry;
        this.paths = new ProjectPaths(projectRoot);
        this.stubs = new StubImplementer(sources, paths);
        this.renamer = new StepRenamer(sources);
    }

    SourceIndex sources() {
        return sources;
    }

    /** Where a step is implemented: in source, or (without source) in compiled code. */
    List<String> implementations(String key) {
        List<SourceStep> inSource = sources.find(key);
        if (!inSource.isEmpty()) {
            return inSource.stream().map(SourceStep::location).toList();
        }
        return registry.find(key).stream().map(StepImplementation::location).toList();
    }

    List<String> stepTexts() {
        Set<String> texts = new LinkedHashSet<>(sources.stepTexts());
        texts.addAll(registry.stepTexts());
        return List.copyOf(texts);
    }

    ImplementationFileGlobPatternResponse globPatterns() {
        ImplementationFileGlobPatternResponse.Builder response = ImplementationFileGlobPatternResponse.newBuilder();
        sources.roots().forEach(root -> response.addGlobPatterns(root + "/**/*.java"));
        return response.build();
    }

    ImplementationFileListResponse implementationFiles() {
        return ImplementationFileListResponse.newBuilder()
                .addAllImplementationFilePaths(sources.files().stream().map(Path::toString).toList())
                .build();
    }

    void cacheFile(CacheFileRequest request) throws RefactorException {
        Path file = paths.inside(request.getFilePath());
        switch (request.getStatus()) {
            case OPENED, CHANGED -> sources.edited(file, request.getContent());
            case CLOSED, CREATED -> sources.reloadFromDisk(file);
            case DELETED -> sources.deleted(file);
            default -> throw new IllegalArgumentException("unknown file status " + request.getStatusValue());
        }
    }

    StepNameResponse stepName(String key) {
        List<SourceStep> found = sources.find(key);
        if (!found.isEmpty()) {
            SourceStep step = found.get(0);
            return StepNameResponse.newBuilder()
                    .setIsStepPresent(true)
                    .addAllStepName(step.texts().stream().map(StepText::text).toList())
                    .setHasAlias(step.texts().size() > 1)
                    .setFileName(step.file().toString())
                    .setSpan(span(step.span()))
                    .build();
        }
        List<StepImplementation> compiled = registry.find(key);
        if (!compiled.isEmpty()) {
            StepImplementation step = compiled.get(0);
            return StepNameResponse.newBuilder()
                    .setIsStepPresent(true)
                    .setIsExternal(true)
                    .addAllStepName(step.texts().stream().map(StepText::text).toList())
                    .setHasAlias(step.texts().size() > 1)
                    .build();
        }
        return StepNameResponse.newBuilder().setIsStepPresent(false).build();
    }

    StepPositionsResponse stepPositions(String filePath) throws RefactorException {
        FileSteps file = sources.fileSteps(paths.inside(filePath));
        StepPositionsResponse.Builder response = StepPositionsResponse.newBuilder();
        if (file.parseError().isPresent()) {
            return response.setError(file.parseError().get()).build();
        }
        for (SourceStep step : file.steps()) {
            for (StepText text : step.texts()) {
                response.addStepPositions(StepPositionsResponse.StepPosition.newBuilder()
                        .setStepValue(text.key())
                        .setSpan(span(step.span())));
            }
        }
        return response.build();
    }

    FileDiff implementStub(StubImplementationCodeRequest request) throws RefactorException {
        StubImplementer.Result result = stubs.implement(request.getImplementationFilePath(), request.getCodesList());
        FileDiff.Builder diff = FileDiff.newBuilder().setFilePath(result.file().toString());
        result.edits().forEach(edit -> diff.addTextDiffs(textDiff(edit)));
        return diff.build();
    }

    RefactorResponse refactor(RefactorRequest request) {
        try {
            List<StepRenamer.Move> moves = request.getParamPositionsList().stream()
                    .map((ParameterPosition p) -> new StepRenamer.Move(p.getOldPosition(), p.getNewPosition()))
                    .toList();
            StepRenamer.Result result = renamer.rename(request.getOldStepValue().getStepValue(),
                    request.getNewStepValue().getParameterizedStepValue(),
                    request.getNewStepValue().getParametersList(), moves, request.getSaveChanges());
            return RefactorResponse.newBuilder()
                    .setSuccess(true)
                    .addFilesChanged(result.file().toString())
                    .addFileChanges(FileChanges.newBuilder()
                            .setFileName(result.file().toString())
                            .setFileContent(result.content())
                            .addDiffs(textDiff(result.edit().oneBasedLines())))
                    .build();
        } catch (RefactorException e) {
            return RefactorResponse.newBuilder().setSuccess(false).setError(e.getMessage()).build();
        }
    }

    /** A source span as Gauge reads it for definitions and code lenses: 1-based lines. */
    private static Span span(SourceSpan s) {
        return Span.newBuilder().setStart(s.startLine()).setStartChar(s.startColumn())
                .setEnd(s.endLine()).setEndChar(s.endColumn()).build();
    }

    private static TextDiff textDiff(TextEdit edit) {
        return TextDiff.newBuilder()
                .setSpan(Span.newBuilder().setStart(edit.startLine()).setStartChar(edit.startColumn())
                        .setEnd(edit.endLine()).setEndChar(edit.endColumn()))
                .setContent(edit.content())
                .build();
    }
}
