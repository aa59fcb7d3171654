package dev.trinoai.core.engine;

import dev.trinoai.core.interpret.SynonymCheck;
import dev.trinoai.core.model.ModelProblem;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelException;
import dev.trinoai.core.sql.SchemaCheck;
import dev.trinoai.core.warehouse.Warehouse;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one check of a loaded semantic model that {@code validate}, the catalog's start and its reload all run: its
 * words against each other and plain English, and its tables, columns, joins and metrics against the live database.
 */
public final class ModelCheck
{
    private ModelCheck() {}

    /**
     * @param asOf the day the metrics' periods resolve against while checking their SQL
     */
    public static List<ModelProblem> problems(SemanticModel model, Connection connection, LocalDate asOf)
            throws SQLException
    {
        List<ModelProblem> problems = new ArrayList<>(SynonymCheck.problems(model));
        problems.addAll(SchemaCheck.problems(model, connection, asOf));
        return List.copyOf(problems);
    }

    /**
     * @throws SemanticModelException naming every problem, one a line, when there is one
     * @throws dev.trinoai.core.AskException when the database cannot be reached to check the model
     */
    public static void requireValid(SemanticModel model, Warehouse warehouse, LocalDate asOf)
    {
        try (Connection connection = warehouse.openReadOnly()) {
            require(model, problems(model, connection, asOf));
        }
        catch (SQLException e) {
            throw warehouse.translate(e);
        }
    }

    /**
     * The check of the model's words alone, for when the database cannot be reached.
     *
     * @throws SemanticModelException naming every problem, one a line, when there is one
     */
    public static void requireValid(SemanticModel model)
    {
        require(model, SynonymCheck.problems(model));
    }

    private static void require(SemanticModel model, List<ModelProblem> problems)
    {
        if (!problems.isEmpty()) {
            throw new SemanticModelException("The semantic model %s has %d problem%s:\n%s".formatted(model.source(), problems.size(), problems.size() == 1 ? "" : "s",
                    problems.stream().map(ModelProblem::toString).collect(Collectors.joining("\n"))));
        }
    }
}
