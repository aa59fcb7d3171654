package dev.trinoai.connector;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.trinoai.core.AskException;
import dev.trinoai.core.model.SemanticModelException;
import io.trino.spi.procedure.Procedure;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

import static dev.trinoai.connector.AiErrorCode.AI_INVALID_MODEL;
import static dev.trinoai.connector.AiErrorCode.toTrinoException;
import static dev.trinoai.connector.AiErrorCode.userFacing;
import static java.util.Objects.requireNonNull;

/**
 * {@code CALL ai.system.reload()}: serves the semantic model file as it is now, without a restart, once it passes the
 * checks of the catalog's start; otherwise fails naming the file, the line and each problem, and the model before it
 * stays. Who may call it is Trino's access control's to say (etc/trino/rules.json: the admins).
 */
public final class ReloadProcedure
        implements Provider<Procedure>
{
    public static final String NAME = "reload";
    private static final MethodHandle RELOAD;

    static {
        try {
            RELOAD = MethodHandles.lookup().findVirtual(ReloadProcedure.class, "reload", MethodType.methodType(void.class));
        }
        catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ServedModel served;

    @Inject
    public ReloadProcedure(ServedModel served)
    {
        this.served = requireNonNull(served, "served is null");
    }

    @Override
    public Procedure get()
    {
        return new Procedure(AiMetadata.SYSTEM_SCHEMA, NAME, List.of(), RELOAD.bindTo(this));
    }

    public void reload()
    {
        try {
            served.reload();
        }
        catch (SemanticModelException | IllegalArgumentException e) {
            throw userFacing(AI_INVALID_MODEL, "The semantic model was not reloaded; the one before it is still served. " + e.getMessage());
        }
        catch (AskException e) {
            throw toTrinoException(e);
        }
    }
}
