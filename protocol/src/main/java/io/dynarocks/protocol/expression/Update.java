package io.dynarocks.protocol.expression;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A resolved update: its actions in expression order. {@code legacy} marks a translated
 * {@code AttributeUpdates}, whose type errors DynamoDB words differently.
 */
public record Update(List<UpdateAction> actions, boolean legacy) {

    public Update {
        actions = List.copyOf(actions);
    }

    public Update(List<UpdateAction> actions) {
        this(actions, false);
    }

    /** The top-level attribute names this update writes or removes (to reject key-attribute updates). */
    public Set<String> modifiedAttributes() {
        Set<String> names = new LinkedHashSet<>();
        for (UpdateAction action : actions) {
            names.add(action.path().attribute());
        }
        return names;
    }
}
