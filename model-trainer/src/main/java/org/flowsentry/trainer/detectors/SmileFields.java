package org.flowsentry.trainer.detectors;

import java.lang.reflect.Field;

/**
 * Reflective reads of the pinned Smile 3.1.1's private fields, for exporting fitted models whose
 * structure Smile keeps private. Parity tests guard every use.
 */
final class SmileFields {
    private SmileFields() {}

    /**
     * A private or package-private field of a Smile class, made readable. Smile 3.1.1 keeps the
     * structure of some fitted models private; exports read it here, and parity tests guard the
     * result, so a different Smile version fails loudly instead of exporting something else.
     */
    static Field field(String className, String name) {
        try {
            Field f = Class.forName(className).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Smile's " + className + "." + name
                    + " is not as in Smile 3.1.1, which this export was written for", e);
        }
    }

    static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Smile's " + f, e);
        }
    }

    static double getDouble(Field f, Object target) {
        try {
            return f.getDouble(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read Smile's " + f, e);
        }
    }
}
