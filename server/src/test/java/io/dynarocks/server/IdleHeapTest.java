package io.dynarocks.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void setsTheFlagsLeftAtTheirDefaultsAndKeepsTheOthers() {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("MinHeapFreeRatio", "10");
        wanted.put("MaxHeapFreeRatio", "30");
        wanted.put("G1PeriodicGCInterval", Long.toString(IdleHeap.INTERVAL.toMillis()));
        Map<String, VMOption> before = new LinkedHashMap<>();
        wanted.keySet().forEach(flag -> before.put(flag, vm.getVMOption(flag)));

        IdleHeap.enable();

        wanted.forEach((flag, value) -> {
            VMOption old = before.get(flag);
            String expected = old.getOrigin() == VMOption.Origin.DEFAULT ? value : old.getValue();
            assertEquals(expected, vm.getVMOption(flag).getValue(), flag);
        });
    }

    @Test
    void leavesAFlagTheUserSetAlone() {
        vm.setVMOption("MaxHeapFreeRatio", "55");

        IdleHeap.enable();

        assertEquals("55", vm.getVMOption("MaxHeapFreeRatio").getValue());
    }
}
